/** The report's changelog: the plan's GitOps commits and the component changes of every render result. */
package dev.foresight.differ.changelog;
