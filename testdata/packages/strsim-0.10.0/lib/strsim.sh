# strsim 0.10.0: sourced by programs that use the sample package.
strsim_version() {
  echo "0.10.0"
}
