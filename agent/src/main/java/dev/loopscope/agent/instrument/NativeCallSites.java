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
 * ({@code sleep(long, int)}, {@code TimeUnit.sleep}, {@code wait()}, {@code Thread.join}).
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
                || !contains(bytes, LONG_VOID) || !(sleep && contains(bytes, "sleep") || waits && contains(bytes, "wait"))) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, 0); // same stack shapes: no frames to compute
            boolean[] changed = {false};
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                            if (sleep && opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/Thread")
                                    && method.equals("sleep") && desc.equals("(J)V")) {
                                changed[0] = true;
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "sleep", "(J)V", false);
                            } else if (waits && (opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE)
                                    && method.equals("wait") && desc.equals("(J)V")) {
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

    private static boolean isSkipped(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/") || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/") || internalName.startsWith("com/sun/")
                || AgentCode.isAgent(internalName.replace('/', '.'));
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
