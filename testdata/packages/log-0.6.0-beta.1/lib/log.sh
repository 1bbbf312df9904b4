# log 0.6.0-beta.1: sourced by programs that use the sample package.
log_version() {
  echo "0.6.0-beta.1"
}
