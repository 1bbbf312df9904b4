# log 0.3.9: sourced by programs that use the sample package.
log_version() {
  echo "0.3.9"
}
