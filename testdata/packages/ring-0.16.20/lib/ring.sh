# ring 0.16.20: sourced by programs that use the sample package.
ring_version() {
  echo "0.16.20"
}
