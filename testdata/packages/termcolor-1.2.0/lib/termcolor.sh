# termcolor 1.2.0: sourced by programs that use the sample package.
termcolor_version() {
  echo "1.2.0"
}
