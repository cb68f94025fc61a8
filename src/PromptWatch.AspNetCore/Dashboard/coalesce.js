// One run at a time: a call while a run is under way asks for one more run once it ends, however many calls came.
export function coalesced(run) {
  let busy = false;
  let again = false;
  return async function runCoalesced() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        await run();
      } while (again);
    } finally {
      busy = false;
    }
  };
}
