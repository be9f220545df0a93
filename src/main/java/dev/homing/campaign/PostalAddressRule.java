package dev.homing.campaign;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A postal address of the sender in the body: CAN-SPAM requires a valid physical postal address in
 * commercial mail (a street address or a registered PO box), and many other laws require sender
 * identification. Heuristic: any one shape of address common in the countries below counts.
 * Blocking, because it is a legal requirement; an address only inside an image cannot be seen.
 */
record PostalAddressRule() implements ContentRule {
    static final String ID = "missing-postal-address";
    static final double POINTS = 1.0;

    private static final String STREET_TYPES = "Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way"
            + "|Place|Pl|Square|Sq|Parkway|Pkwy|Highway|Hwy|Terrace|Circle|Cir|Crescent|Close|Row|Plaza|Suite|Broadway";

    /** Each is one common way an address is written; one match is enough. */
    static final List<Pattern> SHAPES = List.of(
            // PO boxes: US/UK "PO Box 123", German "Postfach", French "BP/Boîte postale", Spanish, Italian, Dutch
            Pattern.compile("(?iu)\\b(?:P\\.?\\s?O\\.?\\s?Box|Post\\s+Office\\s+Box|Postfach|Bo[iî]te\\s+postale|B\\.?P\\.?"
                    + "|Apartado(?:\\s+de\\s+correos)?|Casella\\s+postale|Postbus)\\s*\\d+"),
            // English street address: "1600 Amphitheatre Parkway", "221B Baker Street", "350 Fifth Ave."
            Pattern.compile("\\b\\d{1,6}[A-Za-z]?,?\\s+(?:\\p{Lu}[\\p{L}.'-]*\\s+){1,4}(?:" + STREET_TYPES + ")\\b"),
            // US state and ZIP code: "CA 94043", "NY 10001-1234"
            Pattern.compile("\\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH"
                    + "|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR)\\s+\\d{5}(?:-\\d{4})?\\b"),
            // UK postcode: "SW1A 2AA", "EC1A 1BB", "M1 1AE"
            Pattern.compile("\\b[A-Z]{1,2}\\d[A-Z\\d]?\\s\\d[A-Z]{2}\\b"),
            // Canadian postal code: "K1A 0B1"
            Pattern.compile("\\b[A-Z]\\d[A-Z]\\s?\\d[A-Z]\\d\\b"),
            // Australian state and postcode: "NSW 2000"
            Pattern.compile("\\b(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\\s+\\d{4}\\b"),
            // German, Dutch, Scandinavian street and number: "Hauptstraße 5", "Keizersgracht 123"
            Pattern.compile("(?u)\\b\\p{Lu}[\\p{L}-]*(?:stra(?:ß|ss)e|str\\.|weg|gasse|platz|allee|ring|damm|ufer|straat"
                    + "|laan|plein|gracht|kade|vej|gatan|gata|veien)\\s+\\d{1,4}[a-z]?\\b"),
            // French: "12 rue de la Paix", "5 bis, avenue Foch"
            Pattern.compile("(?iu)\\b\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+(?:rue|avenue|av\\.|boulevard|bd|place|chemin|all[ée]e"
                    + "|impasse|quai|route|cours)\\s+\\p{L}"),
            // Spanish, Italian, Portuguese: "Calle Mayor 10", "Via Roma, 1", "Rua Augusta 100"
            Pattern.compile("(?u)\\b(?:Calle|Avenida|Avda\\.|Plaza|Paseo|Via|Viale|Piazza|Corso|Rua|Praça|Travessa)\\s+"
                    + "\\p{Lu}[\\p{L} .'-]{1,40}?,?\\s*\\d{1,5}\\b"),
            // Postcode then town at a line start or after a comma: "10115 Berlin", "75002 Paris", "8001 Zürich"
            Pattern.compile("(?mu)(?:^|,\\s*)(?:[A-Z]{1,2}-)?(?!(?:19|20)\\d\\d\\b)\\d{4,5}\\s+\\p{Lu}\\p{Ll}+"),
            // Dutch postcode and town: "1012 AB Amsterdam"
            Pattern.compile("(?u)\\b\\d{4}\\s?[A-Z]{2}\\s+\\p{Lu}\\p{Ll}+"),
            // Japanese postal code: "〒100-0001"
            Pattern.compile("〒\\s?\\d{3}-\\d{4}"));

    @Override
    public List<ContentFinding> check(ContentMessage message) {
        String body = message.bodyText();
        if (SHAPES.stream().anyMatch(p -> p.matcher(body).find())) {
            return List.of();
        }
        return List.of(ContentFinding.blocking(ID, POINTS, "No postal address found in the body; CAN-SPAM requires the "
                + "sender's valid physical postal address (street address or registered PO box) in commercial mail. "
                + "Add it to the footer as text.", "body"));
    }
}
