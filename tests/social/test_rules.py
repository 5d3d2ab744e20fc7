"""Personal space, name tags, the local chat check and the chat log."""

from __future__ import annotations

from game.social.rules import BUBBLE_SECONDS, ChatLog, Line, Safety, check_chat, display_name, fade_alpha


def test_personal_space_fades_the_close_ones_and_is_on_by_default_in_vr():
    assert Safety.default(vr=True).bubble and not Safety.default(vr=False).bubble
    on = Safety(bubble=True, radius=1.2)
    assert fade_alpha(1.2, on) == 1.0 and fade_alpha(0.48, on) == 0.0 and fade_alpha(0.1, on) == 0.0
    assert 0.0 < fade_alpha(0.9, on) < 1.0 and fade_alpha(0.7, on) < fade_alpha(0.9, on)
    assert fade_alpha(0.1, Safety(bubble=False)) == 1.0


def test_names_anonymous_visitors_and_staff_in_both_languages():
    assert display_name("", 12, False, "ko") == "방문자 12" and display_name("", 12, False, "en") == "Visitor 12"
    assert display_name("민호", 3, True, "ko") == "민호 (운영자)"
    assert display_name("Minho", 3, True, "en") == "Minho (staff)"


def test_local_chat_check_matches_the_hubs_rules():
    assert check_chat("  ") == "social.chat_empty"
    assert check_chat("가" * 301) == "social.chat_too_long"
    assert check_chat("ㅅㅂ 진짜") == "social.chat_profanity"
    assert check_chat("광화문 광장에서 만나요") is None


def test_log_hides_drops_blocked_authors_and_bubbles_expire():
    log = ChatLog(size=3)
    for i in range(4):
        log.add(Line(i, 10 + i % 2, f"v{i % 2}", f"text {i}", "nearby" if i else "scene", False, at=float(i)))
    assert [line.message_id for line in log.lines] == [1, 2, 3]
    assert log.hide(2) and not log.hide(0)
    assert log.render("en") == ["v1: text 1", "v0: (message hidden by a moderator)", "v1: text 3"]
    assert log.bubble(11, 3.0 + BUBBLE_SECONDS - 0.1) == "text 3" and log.bubble(11, 3.0 + BUBBLE_SECONDS + 0.1) is None
    assert log.bubble(10, 2.5) is None  # their newest line was hidden
    log.drop_author(11)
    assert [line.message_id for line in log.lines] == [2]


def test_chat_voice_reads_in_order_one_at_a_time_only_when_enabled(tmp_path):
    from game.social.voice import PENDING, ChatVoice

    asked, played, sounding = [], [], set()

    def say(text: str, lang: str):
        asked.append((text, lang))
        return tmp_path / f"{len(asked)}.wav"

    voice = ChatVoice(say, lambda path: played.append(path.name) or path.name, lambda handle: handle in sounding)
    voice.speak("안녕하세요", "ko")
    assert asked == []  # voice guide off: nothing synthesised
    assert voice.toggle()
    voice.speak("하나", "ko")
    voice.speak("둘", "ko")
    voice.update()
    assert played == []  # the first WAV is not written yet
    (tmp_path / "2.wav").write_bytes(b"")
    voice.update()
    assert played == []  # the second is ready, but the first comes first
    (tmp_path / "1.wav").write_bytes(b"")
    sounding.add("1.wav")
    voice.update()
    voice.update()
    assert played == ["1.wav"]  # still sounding: the next waits
    sounding.clear()
    voice.update()
    assert played == ["1.wav", "2.wav"]
    for i in range(10):
        voice.speak(f"line {i}", "en")
    assert len(voice.queue) == PENDING
    assert not voice.toggle() and not voice.queue
