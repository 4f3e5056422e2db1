/** Pure bookkeeping of a change's plan and results until its report can be built. */
package dev.foresight.differ.progress;
