// What jsdom lacks and the components use: the modal <dialog> API. Enough of it to render a dialog open
// and closed; Chromium's real one (inertness, focus return) is covered by the end-to-end tests.

HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
  this.setAttribute('open', '');
};
HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
  this.removeAttribute('open');
};
