/**
 * The orchestrator's own certificate authority (CA), which signs the certificates of the HTTP
 * API. A node certificate identifies a {@code holdfast serve} process to its clients; a client
 * certificate identifies an operator or a monitoring system to the API, which trusts no other
 * CA. Keys are ECDSA on the P-256 curve, which TLS 1.2 and 1.3 in the JDK, curl and browsers
 * accept for both server and client authentication.
 */
package dev.holdfast.orchestrator.ca;
