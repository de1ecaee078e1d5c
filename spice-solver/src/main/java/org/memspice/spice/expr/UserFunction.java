package org.memspice.spice.expr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .func name(args) = {body}}. A call is inlined: the body is parsed with the arguments
 * bound to the argument trees, and every other name resolved by the caller's symbols (so a body
 * may use V() where the caller may).
 */
public record UserFunction(String name, List<String> parameters, String body) {
    public Expr apply(List<Expr> args, Symbols caller) {
        if (args.size() != parameters.size()) {
            throw new ExpressionException("function " + name + " takes " + parameters.size() + " argument(s), not "
                    + args.size(), 0);
        }
        Map<String, Expr> bound = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            bound.put(parameters.get(i), args.get(i));
        }
        ExpressionParser.enterFunction(name);
        try {
            return ExpressionParser.parse(body, new Symbols() {
                @Override
                public Expr identifier(String n) {
                    Expr e = bound.get(n);
                    return e != null ? e : caller.identifier(n);
                }

                @Override
                public Expr voltage(String plus, String minus) {
                    return caller.voltage(plus, minus);
                }

                @Override
                public Expr current(String device) {
                    return caller.current(device);
                }

                @Override
                public Expr timeDerivative(Expr arg) {
                    return caller.timeDerivative(arg);
                }

                @Override
                public Expr userFunction(String n, List<Expr> a) {
                    return caller.userFunction(n, a);
                }
            });
        } catch (ExpressionException e) {
            throw new ExpressionException(e.getMessage().contains("(in the body of .func") ? e.getMessage()
                    : e.getMessage() + " (in the body of .func " + name + ")", 0);
        } finally {
            ExpressionParser.exitFunction();
        }
    }
}
