# getrandom 0.2.10: sourced by programs that use the sample package.
getrandom_version() {
  echo "0.2.10"
}
