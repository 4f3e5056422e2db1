package dev.foresight.kustomize.yaml;

/**
 * go-yaml v2's map key order for string keys: letters compare by code point, a non-letter sorts
 * before a letter, runs of digits compare by numeric value ("item9" before "item10").
 */
final class KeyOrder {

  private KeyOrder() {}

  static int compare(String x, String y) {
    if (x.equals(y)) {
      return 0;
    }
    return less(x, y) ? -1 : (less(y, x) ? 1 : 0);
  }

  static boolean less(String x, String y) {
    int[] a = x.codePoints().toArray();
    int[] b = y.codePoints().toArray();
    for (int i = 0; i < a.length && i < b.length; i++) {
      if (a[i] == b[i]) {
        continue;
      }
      boolean al = Character.isLetter(a[i]);
      boolean bl = Character.isLetter(b[i]);
      if (al && bl) {
        return a[i] < b[i];
      }
      if (al || bl) {
        return bl;
      }
      long an = 0;
      long bn = 0;
      if (a[i] == '0' || b[i] == '0') {
        for (int j = i - 1; j >= 0 && Character.isDigit(a[j]); j--) {
          if (a[j] != '0') {
            an = 1;
            bn = 1;
            break;
          }
        }
      }
      int ai = i;
      for (; ai < a.length && Character.isDigit(a[ai]); ai++) {
        an = an * 10 + (a[ai] - '0');
      }
      int bi = i;
      for (; bi < b.length && Character.isDigit(b[bi]); bi++) {
        bn = bn * 10 + (b[bi] - '0');
      }
      if (an != bn) {
        return an < bn;
      }
      if (ai != bi) {
        return ai < bi;
      }
      return a[i] < b[i];
    }
    return a.length < b.length;
  }
}
