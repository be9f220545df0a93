package dev.homing.campaign;

/** A campaign operation that cannot be done, said plainly ("campaign \"spring\" is already sending"). */
public final class CampaignException extends RuntimeException {
    public CampaignException(String message) {
        super(message);
    }

    public CampaignException(String message, Throwable cause) {
        super(message, cause);
    }
}
