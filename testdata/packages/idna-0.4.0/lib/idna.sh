# idna 0.4.0: sourced by programs that use the sample package.
idna_version() {
  echo "0.4.0"
}
