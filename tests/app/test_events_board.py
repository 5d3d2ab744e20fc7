"""The cultural-events board at Gwanghwamun Square in the running app (issue 16): it stands in the square, says
plainly when no city data has come (the test's embedded hub has no Open API key), and follows the language key."""

from __future__ import annotations


def board_texts(board) -> list[str]:
    lines = board.root.findAllMatches("**/+TextNode")
    return [np.node().getText() for np in sorted(lines, key=lambda np: -np.getZ())]  # top line first


def test_the_board_stands_in_the_square_and_speaks_the_chosen_language(desktop, pilot) -> None:
    board = desktop.events_board
    square = desktop.app.scene.landmark_nodes["gwanghwamun-square"]
    assert board.root.getParent() == square
    assert board_texts(board) == ["오늘의 문화행사 · 광화문·덕수궁", "행사 정보를 받지 못했습니다 (오프라인)"]
    pilot.press("l")
    pilot.step()
    assert board_texts(board) == ["Cultural events today · Gwanghwamun & Deoksugung",
                                  "No event information received (offline)"]
