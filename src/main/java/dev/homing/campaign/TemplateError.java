package dev.homing.campaign;

/** A campaign template that cannot be used, with where: "html line 3, column 14: unknown merge field {{frist_name}}". */
public final class TemplateError extends IllegalArgumentException {
    public TemplateError(String message) {
        super(message);
    }
}
