# time 0.3.30: sourced by programs that use the sample package.
time_version() {
  echo "0.3.30"
}
