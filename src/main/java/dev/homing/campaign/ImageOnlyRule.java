package dev.homing.campaign;

import java.util.List;

/**
 * HTML that is all or mostly pictures: filters cannot read an image, so they treat a message with
 * little text and many images as hiding something, and readers with images off see nothing.
 * Tracking pixels do not count as images; alt text does not count as text.
 */
record ImageOnlyRule() implements ContentRule {
    static final String ONLY = "image-only";
    static final String MOSTLY = "mostly-images";
    static final double ONLY_POINTS = 2.5;
    static final double MOSTLY_POINTS = 1.2;
    /** Below this many words of visible text, the images are the message. */
    static final int FEW_WORDS = 20;
    /** Below this many words per image, the text is a caption to the images. */
    static final int WORDS_PER_IMAGE = 40;
    /** With this many words there is real text, however many images surround it. */
    static final int ENOUGH_WORDS = 300;

    @Override
    public List<ContentFinding> check(ContentMessage message) {
        long images = message.images().stream().filter(i -> !i.pixel()).count();
        if (images == 0) {
            return List.of();
        }
        int words = ContentWords.count(message.htmlText());
        String where = images + " image" + (images == 1 ? "" : "s") + ", " + words + " word" + (words == 1 ? "" : "s") + " of text";
        if (words < FEW_WORDS) {
            return List.of(ContentFinding.of(ONLY, ONLY_POINTS, "The HTML is (almost) only images; filters cannot read images "
                    + "and distrust mail that hides its text in them. Put the message in text, images as illustration.", where));
        }
        if (words < ENOUGH_WORDS && words < WORDS_PER_IMAGE * images) {
            return List.of(ContentFinding.of(MOSTLY, MOSTLY_POINTS, "The HTML has little text for its images (under "
                    + WORDS_PER_IMAGE + " words per image); filters read that as image spam. Add text or remove images.", where));
        }
        return List.of();
    }
}
