package org.stellaops.connectors.sbom;

/** The CycloneDX XML elements we read, by their parent: anything else is dropped with its subtree. */
enum XmlElementKind {
  BOM,
  METADATA,
  METADATA_COMPONENT,
  COMPONENTS,
  COMPONENT,
  LICENSES,
  LICENSE,
  HASHES,
  PROPERTIES,
  TEXT,
  DROPPED;

  /** The kind of a child element with this local name (already known to be in the bom's namespace). */
  XmlElementKind child(String name) {
    return switch (this) {
      case BOM -> name.equals("metadata") ? METADATA : name.equals("components") ? COMPONENTS : DROPPED;
      case METADATA -> name.equals("component") ? METADATA_COMPONENT : DROPPED;
      case METADATA_COMPONENT -> switch (name) {
        case "name", "version", "group", "purl" -> TEXT;
        case "properties" -> PROPERTIES;
        default -> DROPPED;
      };
      case COMPONENTS -> name.equals("component") ? COMPONENT : DROPPED;
      case COMPONENT -> componentChild(name);
      case LICENSES -> name.equals("license") ? LICENSE : name.equals("expression") ? TEXT : DROPPED;
      case LICENSE -> name.equals("id") || name.equals("name") ? TEXT : DROPPED;
      case HASHES -> name.equals("hash") ? TEXT : DROPPED;
      case PROPERTIES -> name.equals("property") ? TEXT : DROPPED;
      case TEXT, DROPPED -> DROPPED;
    };
  }

  private static XmlElementKind componentChild(String name) {
    return switch (name) {
      case "name", "version", "group", "purl", "scope" -> TEXT;
      case "licenses" -> LICENSES;
      case "hashes" -> HASHES;
      case "properties" -> PROPERTIES;
      case "components" -> COMPONENTS;
      default -> DROPPED;
    };
  }
}
