package dev.homing.web;

/** The pages' one way of turning a message of the layers below ("list: choose one") into a sentence on screen. */
final class Sentence {
    private Sentence() {
    }

    /** The first letter up, unless the text starts with an address (which keeps its case); null reads as "". */
    static String of(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return s.split(" ", 2)[0].contains("@") ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
