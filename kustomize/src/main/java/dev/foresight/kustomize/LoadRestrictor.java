package dev.foresight.kustomize;

/**
 * kustomize's load restrictions ({@code --load-restrictor}): {@link #ROOT_ONLY}, kubectl's default,
 * refuses a file outside the directory of the kustomization that names it; {@link #NONE}, what
 * Flux's kustomize-controller uses, allows any file of the tree. Neither ever reads outside the
 * tree (the repository): a path climbing above its root is an error either way.
 */
public enum LoadRestrictor {
  ROOT_ONLY("LoadRestrictionsRootOnly"),
  NONE("LoadRestrictionsNone");

  private final String flag;

  LoadRestrictor(String flag) {
    this.flag = flag;
  }

  /** The value kubectl's {@code --load-restrictor} takes. */
  public String flag() {
    return flag;
  }

  /** From kubectl's flag value. */
  public static LoadRestrictor of(String flag) {
    for (LoadRestrictor r : values()) {
      if (r.flag.equals(flag)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown load restrictor '" + flag
        + "' (one of LoadRestrictionsRootOnly, LoadRestrictionsNone)");
  }

  /** Whether a file at tree path {@code path} may be read by the kustomization of {@code dir}. */
  public boolean allows(String path, String dir) {
    return this == NONE || dir.isEmpty() || path.equals(dir) || path.startsWith(dir + "/");
  }

  /** The hint appended to a RootOnly refusal. */
  public static String hint() {
    return " (kustomize's load restrictions: move the file below the kustomization's directory, or build with "
        + "--load-restrictor LoadRestrictionsNone, as Flux does)";
  }
}
