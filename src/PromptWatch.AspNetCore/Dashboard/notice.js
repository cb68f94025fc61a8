// The "new changes" notice: shown when a scan publishes, hidden after a while or when dismissed.
import { plural, prefersReducedMotion, ui } from "./dom.js";
import { state } from "./state.js";

const NOTICE_HIDE_MS = 30000;

export function showNewChanges(count) {
  state.newCount += count;
  ui.noticeText.textContent = `${plural(state.newCount, "new change")}`;
  ui.notice.hidden = false;
  scheduleNoticeHide();
}

function scheduleNoticeHide() {
  window.clearTimeout(state.noticeTimer);
  state.noticeTimer = window.setTimeout(() => {
    if (ui.notice.matches(":hover, :focus-within")) scheduleNoticeHide();
    else hideNotice();
  }, NOTICE_HIDE_MS);
}

export function hideNotice() {
  window.clearTimeout(state.noticeTimer);
  const hadFocus = ui.notice.contains(document.activeElement);
  ui.notice.hidden = true;
  state.newCount = 0;
  for (const node of ui.list.querySelectorAll(".card.is-new")) node.classList.remove("is-new");
  if (hadFocus) ui.list.focus({ preventScroll: true });
}

export function showNewCards() {
  const first = ui.list.querySelector(".card.is-new") ?? ui.list.firstElementChild;
  window.scrollTo({ top: 0, behavior: prefersReducedMotion() ? "auto" : "smooth" });
  first?.querySelector(".card-toggle")?.focus({ preventScroll: true });
  window.clearTimeout(state.noticeTimer);
  ui.notice.hidden = true;
  state.newCount = 0;
}
