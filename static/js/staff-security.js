// Sign-in security: once django-otp-webauthn has saved a new passkey, show the page again so the
// list (and the recovery codes it now offers) include it.
document.addEventListener("otp_webauthn.register_complete", () => window.location.reload());
