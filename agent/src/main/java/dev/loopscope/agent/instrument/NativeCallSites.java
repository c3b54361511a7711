package dev.loopscope.agent.instrument;

import dev.loopscope.agent.detect.AgentCode;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Where {@code Thread.sleep(long)} and {@code Object.wait(long)} are native (JDK 17–18), advice
 * cannot enter them, and adding a wrapper method to a JDK class would need {@code
 * -XX:+AllowRedefinitionToAddDeleteMethods}. Instead every call of them in application classes
 * loaded from now on is pointed at {@code Hooks.sleep}/{@code Hooks.waitOn}, which report and
 * then make the very same call. JDK code reaches both through methods that are hooked anyway
 * ({@code sleep(long, int)}, {@code TimeUnit.sleep}, {@code wait()}, {@code Thread.join}), except
 * the few JDK methods that call {@code wait(long)} directly (the README lists them).
 *
 * <p>A class is only parsed when its bytes contain the method's name and descriptor, so the cost
 * for almost every class is one scan of its bytes.
 */
final class NativeCallSites implements ClassFileTransformer {

    private static final String HOOKS = "dev/loopscope/agent/bootstrap/Hooks";
    private static final byte[] LONG_VOID = "(J)V".getBytes(StandardCharsets.US_ASCII);

    private final boolean sleep;
    private final boolean waits;

    private NativeCallSites(boolean sleep, boolean waits) {
        this.sleep = sleep;
        this.waits = waits;
    }

    /** Installs the rewriting if this JDK needs it; returns what it covers, empty if nothing. */
    static java.util.List<String> installIfNeeded(Instrumentation inst) {
        boolean sleep = isNative(Thread.class, "sleep");
        boolean waits = isNative(Object.class, "wait");
        if (!sleep && !waits) {
            return java.util.List.of();
        }
        inst.addTransformer(new NativeCallSites(sleep, waits), false);
        java.util.List<String> covered = new java.util.ArrayList<>();
        if (sleep) {
            covered.add("Thread.sleep(long) call sites");
        }
        if (waits) {
            covered.add("Object.wait(long) call sites");
        }
        return covered;
    }

    private static boolean isNative(Class<?> type, String name) {
        try {
            return Modifier.isNative(type.getDeclaredMethod(name, long.class).getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefining,
            ProtectionDomain domain, byte[] bytes) {
        if (loader == null || className == null || redefining != null || module.isNamed() || isSkipped(className)
                || !contains(bytes, LONG_VOID) || !(sleep && contains(bytes, "sleep") || waits && contains(bytes, "wait"))
                || !seesBridge(loader)) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            String superName = reader.getSuperName();
            ClassWriter writer = new ClassWriter(reader, 0); // same stack shapes: no frames to compute
            boolean[] changed = {false};
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                            if (sleep && opcode == Opcodes.INVOKESTATIC && method.equals("sleep") && desc.equals("(J)V")
                                    && (owner.equals("java/lang/Thread")
                                        || owner.equals(className) && inheritsThreadSleep(reader, superName, loader))) {
                                // a Thread subclass's unqualified sleep(n) is compiled as invokestatic Sub.sleep
                                changed[0] = true;
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "sleep", "(J)V", false);
                            } else if (waits && (opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE
                                    || opcode == Opcodes.INVOKESPECIAL) && method.equals("wait") && desc.equals("(J)V")) {
                                // wait(long) is final in Object: whatever the owner or call kind, it is that method
                                changed[0] = true;
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "waitOn", "(Ljava/lang/Object;J)V", false);
                            } else {
                                super.visitMethodInsn(opcode, owner, method, desc, itf);
                            }
                        }
                    };
                }
            }, 0);
            return changed[0] ? writer.toByteArray() : null;
        } catch (RuntimeException | LinkageError e) {
            return null; // a class the parser does not understand is left as it is
        }
    }

    /** The JDK's own packages (its code reaches the natives through hooked methods) and the agent. */
    private static boolean isSkipped(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("jdk/") || internalName.startsWith("sun/")
                || AgentCode.isAgent(internalName.replace('/', '.'));
    }

    /**
     * Whether {@code loader} resolves the bridge to the boot loader's {@code Hooks}: a loader that
     * does not delegate {@code dev.loopscope} there (OSGi, JBoss Modules) would make a rewritten
     * call fail with NoClassDefFoundError, so its classes are left as they are.
     */
    private final java.util.Map<ClassLoader, Boolean> bridgeVisible =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private boolean seesBridge(ClassLoader loader) {
        Boolean seen = bridgeVisible.get(loader);
        if (seen == null) {
            try {
                seen = Class.forName(HOOKS.replace('/', '.'), false, loader) == dev.loopscope.agent.bootstrap.Hooks.class;
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                seen = false;
            }
            bridgeVisible.put(loader, seen);
        }
        return seen;
    }

    /**
     * Whether {@code Sub.sleep(long)} in class {@code reader} is Thread's: the class does not
     * declare a sleep(long) of its own and extends Thread (its superclass, already loaded or
     * loadable now, since it is loaded before the class itself).
     */
    private static boolean inheritsThreadSleep(ClassReader reader, String superName, ClassLoader loader) {
        if (superName == null || declaresSleep(reader)) {
            return false;
        }
        try {
            return Thread.class.isAssignableFrom(Class.forName(superName.replace('/', '.'), false, loader));
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    private static boolean declaresSleep(ClassReader reader) {
        boolean[] declares = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                if (name.equals("sleep") && descriptor.equals("(J)V")) {
                    declares[0] = true;
                }
                return null;
            }
        }, ClassReader.SKIP_CODE);
        return declares[0];
    }

    private static boolean contains(byte[] bytes, String ascii) {
        return contains(bytes, ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
