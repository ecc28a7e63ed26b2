/* Search in a copy of the site opened from disk (a file: address).
 *
 * The theme runs its search in a Web Worker, and browsers refuse to start a
 * worker from a file: address, so the search box of a copy opened from disk
 * stayed empty. Opened from disk, the theme already reads the search index
 * from search/search_index.js (written on each build by mydiplo/site/hooks.py)
 * instead of fetching it; this script gives it a Worker that runs the same
 * search script in a hidden frame of the page, where a file: script may run.
 * Served over HTTP, the page keeps the browser's own Worker.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") {
    return;
  }

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.waiting = [];
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.title = "search";
      (document.body || document.documentElement).appendChild(this.frame);
      const scope = this.frame.contentWindow;
      // The worker script answers with the global postMessage: deliver its answers to the page.
      scope.postMessage = (data) => this.dispatchEvent(new MessageEvent("message", { data }));
      const script = scope.document.createElement("script");
      script.src = new URL(url, location.href).href;
      script.onload = () => {
        const waiting = this.waiting;
        this.waiting = null;
        waiting.forEach((data) => this.deliver(data));
      };
      script.onerror = () => this.dispatchEvent(new Event("error"));
      scope.document.head.appendChild(script);
    }

    // Messages sent before the search script has loaded wait for it.
    postMessage(data) {
      if (this.waiting === null) {
        this.deliver(data);
      } else {
        this.waiting.push(data);
      }
    }

    deliver(data) {
      const scope = this.frame.contentWindow;
      setTimeout(() => scope.dispatchEvent(new scope.MessageEvent("message", { data })));
    }

    terminate() {
      this.frame.remove();
    }
  }

  window.Worker = FrameWorker;
})();
