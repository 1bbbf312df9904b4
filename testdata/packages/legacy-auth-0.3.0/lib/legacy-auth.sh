# legacy-auth 0.3.0: sourced by programs that use the sample package.
legacy_auth_version() {
  echo "0.3.0"
}
