# serde 1.0.150: sourced by programs that use the sample package.
serde_version() {
  echo "1.0.150"
}
