# termcolor 1.1.0: sourced by programs that use the sample package.
termcolor_version() {
  echo "1.1.0"
}
