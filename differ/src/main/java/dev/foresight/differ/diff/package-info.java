/** Line diffs of rendered text (java-diff-utils) and diffstat arithmetic. */
package dev.foresight.differ.diff;
