// The views' addresses: #compare/<usecase>/<from>[/<to>] and #usecase/<env>/<usecase>, each segment URI-encoded;
// a trailing ?repository=<name> names the repository when the host watches several.

function encode(segments, repository) {
  const path = segments.map((segment) => encodeURIComponent(String(segment))).join("/");
  return `#${path}${repository ? `?repository=${encodeURIComponent(repository)}` : ""}`;
}

export function compareHash(usecase, from, to, repository) {
  return encode(to ? ["compare", usecase, from, to] : ["compare", usecase, from], repository);
}

export function useCaseHash(env, usecase, repository) {
  return encode(["usecase", env, usecase], repository);
}

function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

// The route an address names, or null for the timeline (or for an address that is no view's).
export function parseRoute(hash) {
  const text = String(hash ?? "").replace(/^#/u, "");
  const [path, query = ""] = text.split("?", 2);
  const segments = path.split("/").map(decode);
  if (segments.some((segment) => segment === null || segment === "")) return null;
  const repository = new URLSearchParams(query).get("repository") || null;
  if (segments[0] === "compare" && (segments.length === 3 || segments.length === 4)) {
    return { view: "compare", usecase: segments[1], from: segments[2], to: segments[3] ?? null, repository };
  }
  if (segments[0] === "usecase" && segments.length === 3) {
    return { view: "usecase", env: segments[1], usecase: segments[2], repository };
  }
  return null;
}
