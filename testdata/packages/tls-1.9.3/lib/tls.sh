# tls 1.9.3: sourced by programs that use the sample package.
tls_version() {
  echo "1.9.3"
}
