# rand 0.8.4: sourced by programs that use the sample package.
rand_version() {
  echo "0.8.4"
}
