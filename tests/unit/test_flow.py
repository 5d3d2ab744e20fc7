"""The app-flow state machine: every allowed edge works, every other one is refused."""

import pytest

from game.flow import TRANSITIONS, Flow, FlowError


def path_to(state: str) -> list[str]:
    """Shortest route from boot to ``state`` through allowed transitions."""
    frontier, seen = [["boot"]], {"boot"}
    while frontier:
        route = frontier.pop(0)
        if route[-1] == state:
            return route[1:]
        for nxt in sorted(TRANSITIONS[route[-1]]):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(route + [nxt])
    raise AssertionError(f"{state} unreachable")


@pytest.mark.parametrize("state", sorted(TRANSITIONS))
def test_every_state_is_reachable_and_edges_hold(state):
    flow = Flow()
    for s in path_to(state):
        flow.go(s)
    assert flow.state == state
    for target in TRANSITIONS:
        assert flow.can(target) == (target in TRANSITIONS[state])


def test_forbidden_transition_raises_and_names_both_states():
    flow = Flow()
    with pytest.raises(FlowError, match="'boot' to 'explore'"):
        flow.go("explore")
    with pytest.raises(FlowError, match="unknown"):
        flow.go("dance")


def test_hooks_run_in_order_and_alert_resumes_previous_state():
    flow = Flow()
    calls = []
    flow.on_exit("explore", lambda a, b: calls.append(("exit", a, b)))
    flow.on_enter("alert", lambda a, b: calls.append(("enter", a, b)))
    for s in ("loading", "attract"):
        flow.go(s)
    flow.go("alert")
    flow.resume_after_alert()
    assert flow.state == "attract"
    flow.go("explore")
    flow.go("alert")
    flow.resume_after_alert()
    assert flow.state == "explore"
    assert calls == [("enter", "attract", "alert"), ("exit", "explore", "alert"), ("enter", "explore", "alert")]


def test_request_declines_an_illegal_move_and_logs_it(caplog):
    flow = Flow()
    caplog.set_level("INFO", logger="mseoul.flow")
    assert not flow.request("explore") and flow.state == "boot"
    assert "declined" in caplog.text
    assert flow.request("loading") and flow.state == "loading"


def test_an_alert_over_a_menu_resumes_the_menu():
    flow = Flow()
    for s in ("loading", "explore", "teleport", "alert"):
        flow.go(s)
    flow.resume_after_alert()
    assert flow.state == "teleport"
