package io.cocoatly.json;

/** Prints {@link FileModes#shared()} in octal; {@link FileModesTest} runs it under different umasks. */
final class SharedModeMain {

    private SharedModeMain() {
    }

    public static void main(String[] args) {
        System.out.println(Integer.toOctalString(FileModes.shared()));
    }
}
