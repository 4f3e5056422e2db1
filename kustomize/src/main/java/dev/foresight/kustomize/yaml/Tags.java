package dev.foresight.kustomize.yaml;

/** The core schema tags. */
public final class Tags {
  public static final String STR = "tag:yaml.org,2002:str";
  public static final String INT = "tag:yaml.org,2002:int";
  public static final String FLOAT = "tag:yaml.org,2002:float";
  public static final String BOOL = "tag:yaml.org,2002:bool";
  public static final String NULL = "tag:yaml.org,2002:null";
  public static final String MAP = "tag:yaml.org,2002:map";
  public static final String SEQ = "tag:yaml.org,2002:seq";
  public static final String BINARY = "tag:yaml.org,2002:binary";
  public static final String TIMESTAMP = "tag:yaml.org,2002:timestamp";
  public static final String MERGE = "tag:yaml.org,2002:merge";

  private Tags() {}

  /** The tag a plain (unquoted, untagged) scalar with this text resolves to (go-yaml v3 rules). */
  public static String resolvePlain(String text) {
    return Resolver.v3Tag(text);
  }
}
