// A card's "Compare with…" menu: the previous version of its use case in its environment, another environment's
// current version, or a version picked from a list (the Compare view without its second side). A disclosure of links:
// Escape closes it and gives the focus back to its button.
import { h, nextId } from "./dom.js";
import { compareHash, useCaseHash } from "./routes.js";
import { state } from "./state.js";
import { environmentsOf } from "./versions.js";

export function cardActions(entry) {
  if (!entry.usecase || !entry.environment || !entry.commit_sha) return null;
  const repository = state.repositories.length > 1 ? entry.repository : null;
  const self = `${entry.environment}@${entry.commit_sha}`;
  const menuId = nextId("compare-menu");
  const button = h("button", { type: "button", class: "button button-quiet compare-button", "data-testid": "compare-with", "aria-expanded": "false", "aria-controls": menuId, text: "Compare with…" });
  const menu = h("ul", { class: "compare-menu", id: menuId, "data-testid": "compare-menu", hidden: true });
  const link = (href, text, testid) => h("li", null, h("a", { href, "data-testid": testid, text }));
  const previous = entry.previous_commit_sha
    ? link(compareHash(entry.usecase, `${entry.environment}@${entry.previous_commit_sha}`, self, repository), `Previous version in ${entry.environment}`, "compare-previous")
    : null;
  const pick = link(compareHash(entry.usecase, self, null, repository), "Pick a version…", "compare-pick");
  menu.append(...[previous, pick].filter(Boolean));
  // The other environments the use case is in now, read when the menu opens (they may have changed since the card
  // was made); their links go between the others, so that a link already focused stays.
  const fillWithEnvironments = async () => {
    try {
      const others = (await environmentsOf(entry.usecase, entry.repository, true)).filter((env) => env !== entry.environment);
      for (const old of menu.querySelectorAll("[data-env-item]")) old.remove();
      for (const env of others) {
        const item = link(compareHash(entry.usecase, self, env, repository), `${env}: current version`, "compare-env");
        item.setAttribute("data-env-item", "");
        menu.insertBefore(item, pick);
      }
    } catch {
      // The menu keeps the previous version and the list to pick from.
    }
  };
  const setOpen = (open) => {
    if (open) fillWithEnvironments();
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
