/** The publisher stage: reports in, publications out (run by the app's StageLoop). */
package dev.foresight.publisher.stage;
