package cn.scenext.testsupport.api;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.annotation.Documented;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of a set of compiled classes as sorted, deterministic text: one block per public or protected
 * type (its documented annotations, modifiers, kind, name, type parameters with bounds, supertypes), holding one
 * line per public or protected field, constructor and method (modifiers, generic signature, varargs, thrown
 * exceptions). Types in packages named {@code internal} (at any depth) are left out, and so are synthetic members,
 * bridge methods, anonymous and local classes, and nested types of a type that is not listed. Public members a
 * listed class inherits from a superclass that is not listed are shown on the listed class, since callers reach
 * them there.
 *
 * <p>Names are written as in Java source ({@code java.util.Map.Entry<K, V>}); members are sorted by name, then
 * by signature, so the text depends only on the API, never on the compiler's or the JVM's order.
 */
public final class ApiListing {
    private ApiListing() {
    }

    /**
     * Lists the public API of every class file under a directory of compiled classes (a module's
     * {@code target/classes}).
     *
     * @param classesDirectory the root of the compiled classes
     * @param loader a class loader that loads those classes and everything their signatures name, without
     *     initializing them
     * @return the listing, lines ending in {@code \n}
     * @throws IOException when the directory cannot be read
     * @throws IllegalStateException when a class file cannot be loaded
     */
    public static String of(Path classesDirectory, ClassLoader loader) throws IOException {
        List<Class<?>> types = new ArrayList<>();
        for (String name : classNames(classesDirectory)) {
            if (isInternal(name)) {
                continue;
            }
            try {
                types.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("Cannot load " + name + " from " + classesDirectory + ": " + e, e);
            }
        }
        return render(types);
    }

    /**
     * Lists the public API of the given types; those that are not API (see the class description) are skipped.
     *
     * @param types the types to consider
     * @return the listing, lines ending in {@code \n}
     */
    public static String render(Collection<Class<?>> types) {
        TreeMap<String, Class<?>> listed = new TreeMap<>();
        for (Class<?> type : types) {
            if (isListed(type)) {
                listed.put(typeName(type), type);
            }
        }
        StringBuilder out = new StringBuilder();
        for (Class<?> type : listed.values()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(header(type)).append(" {\n");
            for (String member : members(type)) {
                out.append("  ").append(member).append('\n');
            }
            out.append("}\n");
        }
        return out.toString();
    }

    /**
     * Whether a type is part of the listed API: public or protected, neither synthetic, anonymous nor local, not
     * in an {@code internal} package, and nested only in listed types.
     *
     * @param type the type
     * @return {@code true} when it is listed
     */
    public static boolean isListed(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass() || type.isArray()
                || type.isPrimitive() || isInternal(type.getName()) || !visible(type.getModifiers())) {
            return false;
        }
        Class<?> outer = type.getDeclaringClass();
        return outer == null || isListed(outer);
    }

    /**
     * Whether a class or package name lies in an internal package: one of its package's segments is
     * {@code internal}.
     *
     * @param className a binary class name
     * @return {@code true} for an internal class
     */
    public static boolean isInternal(String className) {
        int end = className.lastIndexOf('.');
        if (end < 0) {
            return false;
        }
        return Arrays.asList(className.substring(0, end).split("\\.")).contains("internal");
    }

    private static List<String> classNames(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .map(p -> p.toString().replace(p.getFileSystem().getSeparator(), "/"))
                    .filter(p -> p.endsWith(".class") && !p.startsWith("META-INF/"))
                    .filter(p -> !p.endsWith("module-info.class") && !p.endsWith("package-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String header(Class<?> type) {
        StringBuilder s = new StringBuilder(annotations(type));
        int m = type.getModifiers();
        s.append(Modifier.isPublic(m) ? "public " : "protected ");
        if (Modifier.isAbstract(m) && !type.isInterface() && !type.isEnum()) {
            s.append("abstract ");
        }
        if (Modifier.isStatic(m) && type.getDeclaringClass() != null) {
            s.append("static ");
        }
        if (Modifier.isFinal(m) && !type.isEnum()) {
            s.append("final ");
        }
        s.append(type.isAnnotation() ? "@interface " : type.isInterface() ? "interface "
                : type.isEnum() ? "enum " : "class ");
        s.append(typeName(type)).append(typeParameters(type.getTypeParameters()));
        if (type.isAnnotation()) {
            return s.toString();
        }
        Type superclass = listedSuperclass(type);
        if (superclass != null) {
            s.append(" extends ").append(typeName(superclass));
        }
        Set<String> interfaces = new TreeSet<>();
        for (Type i : type.getGenericInterfaces()) {
            interfaces.add(typeName(i));
        }
        for (Class<?> hidden = type.getSuperclass(); hidden != null && !isListed(hidden);
                hidden = hidden.getSuperclass()) {
            for (Type i : hidden.getGenericInterfaces()) {
                interfaces.add(typeName(i));
            }
        }
        if (!interfaces.isEmpty()) {
            s.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
        }
        return s.toString();
    }

    /** The superclass to show: the nearest listed (or JDK) one, or none for Object, Enum and interfaces. */
    private static Type listedSuperclass(Class<?> type) {
        if (type.isInterface() || type.isEnum()) {
            return null;
        }
        Type generic = type.getGenericSuperclass();
        Class<?> raw = type.getSuperclass();
        while (raw != null && raw != Object.class && !isListed(raw) && !isOutsideListing(raw)) {
            generic = raw.getGenericSuperclass();
            raw = raw.getSuperclass();
        }
        return raw == null || raw == Object.class ? null : generic;
    }

    /** A type of another library (the JDK's, a dependency's): shown as it is, whatever its members. */
    private static boolean isOutsideListing(Class<?> type) {
        return Modifier.isPublic(type.getModifiers()) && !isInternal(type.getName());
    }

    private static List<String> members(Class<?> type) {
        TreeMap<String, String> fields = new TreeMap<>();
        TreeMap<String, String> constructors = new TreeMap<>();
        TreeMap<String, String> methods = new TreeMap<>();
        for (Field f : type.getDeclaredFields()) {
            if (isMember(f)) {
                fields.put(f.getName(), annotations(f) + modifiers(f.getModifiers(), false) + typeName(f.getGenericType())
                        + " " + f.getName());
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (isMember(c)) {
                String line = executable(c, type.getSimpleName());
                constructors.put(line, line);
            }
        }
        Set<String> declared = new LinkedHashSet<>();
        for (Method method : type.getDeclaredMethods()) {
            if (isMember(method) && !method.isBridge()) {
                declared.add(erasedKey(method));
                String line = executable(method, method.getName());
                methods.put(method.getName() + " " + line, line);
            }
        }
        for (Class<?> hidden = type.getSuperclass(); hidden != null && !isListed(hidden) && !isOutsideListing(hidden);
                hidden = hidden.getSuperclass()) {
            for (Method method : hidden.getDeclaredMethods()) {
                if (isMember(method) && !method.isBridge() && declared.add(erasedKey(method))) {
                    String line = executable(method, method.getName());
                    methods.put(method.getName() + " " + line, line);
                }
            }
            for (Field f : hidden.getDeclaredFields()) {
                if (isMember(f)) {
                    fields.putIfAbsent(f.getName(), annotations(f) + modifiers(f.getModifiers(), false)
                            + typeName(f.getGenericType()) + " " + f.getName());
                }
            }
        }
        List<String> lines = new ArrayList<>(fields.values());
        lines.addAll(constructors.values());
        lines.addAll(methods.values());
        return lines;
    }

    private static boolean isMember(Member member) {
        return !member.isSynthetic() && visible(member.getModifiers());
    }

    private static String erasedKey(Method method) {
        return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getName)
                .collect(Collectors.joining(",", "(", ")"));
    }

    private static String executable(Executable e, String name) {
        StringBuilder s = new StringBuilder(annotations(e));
        s.append(modifiers(e.getModifiers(), e instanceof Method && ((Method) e).isDefault()));
        String typeParameters = typeParameters(e.getTypeParameters());
        if (!typeParameters.isEmpty()) {
            s.append(typeParameters).append(' ');
        }
        if (e instanceof Method) {
            s.append(typeName(((Method) e).getGenericReturnType())).append(' ');
        }
        s.append(name).append('(');
        Type[] parameters = e.getGenericParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            if (i > 0) {
                s.append(", ");
            }
            String parameter = typeName(parameters[i]);
            if (e.isVarArgs() && i == parameters.length - 1 && parameter.endsWith("[]")) {
                parameter = parameter.substring(0, parameter.length() - 2) + "...";
            }
            s.append(parameter);
        }
        s.append(')');
        Set<String> thrown = new TreeSet<>();
        for (Type t : e.getGenericExceptionTypes()) {
            thrown.add(typeName(t));
        }
        if (!thrown.isEmpty()) {
            s.append(" throws ").append(String.join(", ", thrown));
        }
        return s.toString();
    }

    private static String modifiers(int m, boolean isDefault) {
        StringBuilder s = new StringBuilder(Modifier.isPublic(m) ? "public " : "protected ");
        if (Modifier.isAbstract(m)) {
            s.append("abstract ");
        }
        if (isDefault) {
            s.append("default ");
        }
        if (Modifier.isStatic(m)) {
            s.append("static ");
        }
        if (Modifier.isFinal(m)) {
            s.append("final ");
        }
        return s.toString();
    }

    /** The annotations that are part of the documented API (their type is {@link Documented}), sorted. */
    private static String annotations(AnnotatedElement element) {
        return Arrays.stream(element.getDeclaredAnnotations())
                .map(Annotation::annotationType)
                .filter(a -> a.isAnnotationPresent(Documented.class))
                .map(a -> "@" + typeName(a) + " ")
                .sorted()
                .collect(Collectors.joining());
    }

    private static String typeParameters(TypeVariable<?>[] variables) {
        if (variables.length == 0) {
            return "";
        }
        StringBuilder s = new StringBuilder("<");
        for (int i = 0; i < variables.length; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(variables[i].getName());
            List<String> bounds = Arrays.stream(variables[i].getBounds())
                    .filter(b -> b != Object.class)
                    .map(ApiListing::typeName)
                    .collect(Collectors.toList());
            if (!bounds.isEmpty()) {
                s.append(" extends ").append(String.join(" & ", bounds));
            }
        }
        return s.append('>').toString();
    }

    /**
     * A type as written in Java source: package-qualified, nested types after a dot, type arguments and
     * wildcards in full.
     *
     * @param type the type
     * @return its source form
     */
    static String typeName(Type type) {
        if (type instanceof Class) {
            Class<?> c = (Class<?>) type;
            if (c.isArray()) {
                return typeName(c.getComponentType()) + "[]";
            }
            Class<?> outer = c.getDeclaringClass();
            return outer == null ? c.getName() : typeName(outer) + "." + c.getSimpleName();
        }
        if (type instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) type;
            Class<?> raw = (Class<?>) p.getRawType();
            String base = p.getOwnerType() instanceof ParameterizedType
                    ? typeName(p.getOwnerType()) + "." + raw.getSimpleName()
                    : typeName(raw);
            return base + Arrays.stream(p.getActualTypeArguments()).map(ApiListing::typeName)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
        if (type instanceof TypeVariable) {
            return ((TypeVariable<?>) type).getName();
        }
        if (type instanceof WildcardType) {
            WildcardType w = (WildcardType) type;
            if (w.getLowerBounds().length > 0) {
                return "? super " + typeName(w.getLowerBounds()[0]);
            }
            Type[] upper = w.getUpperBounds();
            return upper.length == 0 || upper[0] == Object.class ? "?" : "? extends " + typeName(upper[0]);
        }
        if (type instanceof GenericArrayType) {
            return typeName(((GenericArrayType) type).getGenericComponentType()) + "[]";
        }
        throw new IllegalArgumentException("Unknown kind of type: " + type);
    }
}
