# legacy-auth 0.2.0: sourced by programs that use the sample package.
legacy_auth_version() {
  echo "0.2.0"
}
