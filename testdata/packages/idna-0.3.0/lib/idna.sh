# idna 0.3.0: sourced by programs that use the sample package.
idna_version() {
  echo "0.3.0"
}
