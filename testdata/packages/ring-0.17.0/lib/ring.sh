# ring 0.17.0: sourced by programs that use the sample package.
ring_version() {
  echo "0.17.0"
}
