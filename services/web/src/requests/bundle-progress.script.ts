/**
 * Progressive enhancement for the request page: while a bundle builds, asks the API for its progress every
 * second (the session cookie authenticates), moves the progress bar and says the phase in the live region,
 * and reloads the page once the bundle completes or fails so its downloads or error appear. Without
 * scripts the page offers a Refresh link instead.
 */
export const BUNDLE_PROGRESS_SCRIPT = `
(function () {
  var boxes = document.querySelectorAll('.bundle-progress[data-bundle]');
  boxes.forEach(function (box) {
    var id = box.getAttribute('data-bundle');
    var bar = box.querySelector('progress');
    var words = box.querySelector('[role=status]');
    var poll = function () {
      fetch('/api/v1/bundles/' + encodeURIComponent(id), { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (bundle) {
          if (!bundle) return setTimeout(poll, 3000);
          if (bundle.status === 'completed' || bundle.status === 'failed') return location.reload();
          var progress = bundle.progress;
          if (progress) {
            bar.max = Math.max(progress.itemsTotal, 1);
            bar.value = progress.itemsDone;
            var text = progress.phase + ': ' + progress.itemsDone + ' of ' + progress.itemsTotal + ' records, ' + progress.pages + ' pages';
            if (words.textContent !== text) words.textContent = text;
          }
          setTimeout(poll, 1000);
        })
        .catch(function () { setTimeout(poll, 3000); });
    };
    poll();
  });
})();
`;
