package io.cocoatly.registry.server;

import java.util.regex.Pattern;

/** Publisher logins: {@code [a-z0-9][a-z0-9_-]*}, at most 39 characters (as GitHub's). */
public final class Logins {

    private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,38}");

    private Logins() {
    }

    /**
     * Checks {@code login}'s form.
     *
     * @throws ApiException 400 {@code invalid-login} naming the login and the rule
     */
    public static void require(String login) {
        if (login == null || !LOGIN.matcher(login).matches()) {
            throw new ApiException(ApiException.Status.BAD_REQUEST, "invalid-login", "invalid user login `" + login
                    + "`: use lowercase letters, digits, `-` and `_`, at most 39 characters");
        }
    }
}
