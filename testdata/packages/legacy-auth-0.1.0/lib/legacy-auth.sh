# legacy-auth 0.1.0: sourced by programs that use the sample package.
legacy_auth_version() {
  echo "0.1.0"
}
