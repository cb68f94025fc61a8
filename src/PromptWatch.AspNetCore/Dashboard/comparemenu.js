// A card's "Compare with…" menu: the previous version of its use case in its environment, another environment's
// current version, or a version picked from a list (the Compare view without its second side). A disclosure of links:
// Escape closes it and gives the focus back to its button.
import { h, nextId } from "./dom.js";
import { compareHash, useCaseHash } from "./routes.js";
import { state } from "./state.js";

function otherEnvironments(entry) {
  const names = [];
  for (const item of state.usecases) {
    if (item?.usecase !== entry.usecase || !item.environment || item.environment === entry.environment || item.removed) continue;
    if (entry.repository && item.repository && item.repository !== entry.repository) continue;
    if (!names.includes(item.environment)) names.push(item.environment);
  }
  return names;
}

export function cardActions(entry) {
  if (!entry.usecase || !entry.environment || !entry.commit_sha) return null;
  const repository = state.repositories.length > 1 ? entry.repository : null;
  const self = `${entry.environment}@${entry.commit_sha}`;
  const menuId = nextId("compare-menu");
  const button = h("button", { type: "button", class: "button button-quiet compare-button", "data-testid": "compare-with", "aria-expanded": "false", "aria-controls": menuId, text: "Compare with…" });
  const menu = h("ul", { class: "compare-menu", id: menuId, "data-testid": "compare-menu", hidden: true });
  const link = (href, text, testid) => h("li", null, h("a", { href, "data-testid": testid, text }));
  const fill = () => {
    menu.replaceChildren(
      entry.previous_commit_sha ? link(compareHash(entry.usecase, `${entry.environment}@${entry.previous_commit_sha}`, self, repository), `Previous version in ${entry.environment}`, "compare-previous") : null,
      otherEnvironments(entry).map((env) => link(compareHash(entry.usecase, self, env, repository), `${env}: current version`, "compare-env")),
      link(compareHash(entry.usecase, self, null, repository), "Pick a version…", "compare-pick"));
  };
  const setOpen = (open) => {
    if (open) fill();
    button.setAttribute("aria-expanded", String(open));
    menu.hidden = !open;
  };
  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  const wrapper = h("div", { class: "compare-with" }, button, menu);
  wrapper.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || menu.hidden) return;
    event.preventDefault();
    event.stopPropagation();
    setOpen(false);
    button.focus();
  });
  wrapper.addEventListener("focusout", (event) => {
    if (!wrapper.contains(event.relatedTarget)) setOpen(false);
  });
  const story = h("a", { class: "button button-quiet", "data-testid": "story-link", href: useCaseHash(entry.environment, entry.usecase, repository), text: "Story" });
  return h("div", { class: "card-actions" }, wrapper, story);
}
