// The "Sign in" link: shown once a call of the page is answered 401, when the host names its sign-in endpoint
// (<body data-sign-in-url>, PromptWatchEndpointOptions.SignInPath); without one the page shows no link. The link
// carries the current view (path, query and hash) as returnUrl, read again whenever the link is used, so that signing
// in comes back to the view the user is looking at.

function signInHref() {
  const base = document.body.dataset.signInUrl;
  if (!base) return null;
  const url = new URL(base, document.baseURI);
  url.searchParams.set("returnUrl", window.location.pathname + window.location.search + window.location.hash);
  return url.href;
}

function keepCurrent(link) {
  if (link.dataset.current) return;
  link.dataset.current = "true";
  const update = () => {
    const href = signInHref();
    if (href) link.href = href;
  };
  for (const name of ["pointerdown", "focus", "click", "mouseenter"]) link.addEventListener(name, update);
}

// A link element to the sign-in endpoint, or null when the host has none.
export function signInLink(text, className) {
  const href = signInHref();
  if (!href) return null;
  const link = document.createElement("a");
  link.className = className;
  link.textContent = text;
  link.href = href;
  keepCurrent(link);
  return link;
}

// Shows the header's link (a call was answered 401); true when the host has a sign-in endpoint.
export function showSignIn() {
  const link = document.getElementById("sign-in");
  const href = signInHref();
  if (!link || !href) return false;
  link.href = href;
  keepCurrent(link);
  link.hidden = false;
  return true;
}
