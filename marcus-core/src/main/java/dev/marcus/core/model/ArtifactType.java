package dev.marcus.core.model;

/** Kinds of artifact and the directory (relative to the project root) each is written to by default. */
public enum ArtifactType implements WireEnum {
    SPECIFICATION("docs/specifications"),
    API("docs/api"),
    DESIGN("docs/design"),
    ARCHITECTURE("docs/architecture"),
    DOCUMENTATION("docs"),
    REFERENCE("docs/references"),
    TEMPORARY("tmp/artifacts"),
    OTHER("docs/artifacts");

    private final String defaultDirectory;

    ArtifactType(String defaultDirectory) {
        this.defaultDirectory = defaultDirectory;
    }

    public String defaultDirectory() {
        return defaultDirectory;
    }

    public static ArtifactType parse(String field, String raw) {
        return WireEnum.parse(ArtifactType.class, field, raw);
    }
}
