# termcolor 1.4.0: sourced by programs that use the sample package.
termcolor_version() {
  echo "1.4.0"
}
