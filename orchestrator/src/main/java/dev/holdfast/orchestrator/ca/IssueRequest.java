package dev.holdfast.orchestrator.ca;

import dev.holdfast.orchestrator.ca.CaException.Reason;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The request for a new certificate: its name, its use and its lifetime.
 *
 * @param name the subject's common name, also the name of its folder under {@code issued}
 * @param node true for a node (server and client authentication, with subject alternative
 *     names), false for a client (client authentication only)
 * @param dnsNames DNS names of a node, which clients connect to
 * @param ipAddresses IP addresses of a node, which clients connect to
 * @param days how long the certificate is valid, from now
 */
public record IssueRequest(String name, boolean node, List<String> dnsNames,
        List<InetAddress> ipAddresses, int days) {
    /** Validity of an issued certificate when none is given. */
    public static final int DEFAULT_DAYS = 365;
    /** Maximum validity that {@code --days} accepts: the CA's own lifetime. */
    public static final int MAX_DAYS = CertificateAuthority.CA_DAYS;
    /** DNS names and addresses of a node certificate when neither is given: this machine. */
    public static final List<String> DEFAULT_DNS_NAMES = List.of("localhost");
    public static final List<String> DEFAULT_IP_ADDRESSES = List.of("127.0.0.1");

    /** Letters, digits, dot, dash and underscore, so that a name is also a safe folder name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** A host name of letter-digit-hyphen labels, the first of which may be a wildcard. */
    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)"
                    + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    public IssueRequest {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    /**
     * Checks the values as typed on the command line and returns the request. A node without
     * names or addresses gets {@link #DEFAULT_DNS_NAMES} and {@link #DEFAULT_IP_ADDRESSES}.
     *
     * @throws CaException with {@link Reason#INVALID_REQUEST} naming the first invalid value
     */
    public static IssueRequest of(String name, boolean node, List<String> dnsNames,
            List<String> ipAddresses, int days) throws CaException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw invalid("invalid certificate name \"" + name + "\": expected 1 to 64 "
                    + "letters, digits, '.', '-' or '_', starting with a letter or digit");
        }
        if (!node && !(dnsNames.isEmpty() && ipAddresses.isEmpty())) {
            throw invalid("--dns and --ip name the addresses of a node: add --node, or leave "
                    + "them out for the client certificate \"" + name + "\"");
        }
        if (days < 1 || days > MAX_DAYS) {
            throw invalid("invalid validity of " + days + " days: expected 1 to " + MAX_DAYS);
        }
        List<String> dns = dnsNames;
        List<String> ips = ipAddresses;
        if (node && dns.isEmpty() && ips.isEmpty()) {
            dns = DEFAULT_DNS_NAMES;
            ips = DEFAULT_IP_ADDRESSES;
        }
        for (String dnsName : dns) {
            if (dnsName.length() > 253 || !DNS_NAME.matcher(dnsName).matches()) {
                throw invalid("invalid DNS name \"" + dnsName + "\" for --dns: expected a "
                        + "host name such as backup.example.org");
            }
        }
        return new IssueRequest(name, node, dns, addresses(ips), days);
    }

    private static List<InetAddress> addresses(List<String> literals) throws CaException {
        List<InetAddress> addresses = new ArrayList<>();
        for (String literal : literals) {
            try {
                // ofLiteral never looks a name up in DNS.
                addresses.add(InetAddress.ofLiteral(literal));
            } catch (IllegalArgumentException e) {
                throw invalid("invalid IP address \"" + literal + "\" for --ip: expected an "
                        + "IPv4 or IPv6 address such as 192.0.2.10 or ::1");
            }
        }
        return addresses;
    }

    private static CaException invalid(String message) {
        return new CaException(Reason.INVALID_REQUEST, message);
    }
}
