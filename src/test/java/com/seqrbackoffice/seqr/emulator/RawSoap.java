package com.seqrbackoffice.seqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** SOAP 1.1 written by hand as in API.md §8, posted with java.net.http, answers read with a hardened DOM. */
final class RawSoap {

    static final String NS = "http://external.interfaces.ers.seamless.com/";
    static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI endpoint;

    RawSoap(String soapUrl) {
        this.endpoint = URI.create(soapUrl);
    }

    record Answer(int httpStatus, Document document) {
        /** The {@code <return>} of the named response wrapper, checking the wrapper's namespace on the way. */
        Element returnOf(String responseWrapper) {
            Element body = child(document.getDocumentElement(), SOAP_ENV, "Body");
            Element wrapper = firstElement(body);
            assertThat(wrapper.getNamespaceURI()).isEqualTo(NS);
            assertThat(wrapper.getLocalName()).isEqualTo(responseWrapper);
            List<Element> children = elements(wrapper);
            assertThat(children).hasSize(1);
            Element result = children.get(0);
            assertThat(result.getNamespaceURI()).as("children are unqualified").isNull();
            assertThat(result.getLocalName()).isEqualTo("return");
            return result;
        }
    }

    Answer post(String operationXml) throws Exception {
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"" + SOAP_ENV + "\" xmlns:ext=\"" + NS + "\">"
                + "<soapenv:Header/><soapenv:Body>" + operationXml + "</soapenv:Body></soapenv:Envelope>";
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), parse(response.body()));
    }

    static String terminalContext(String terminalId, String password) {
        return "<context><channel>WS</channel><clientId>raw-xml-test</clientId><clientReference>ref-1</clientReference>"
                + "<clientRequestTimeout>0</clientRequestTimeout>"
                + "<initiatorPrincipalId><id>" + terminalId + "</id><type>TERMINALID</type></initiatorPrincipalId>"
                + "<password>" + password + "</password></context>";
    }

    static String resellerContext(String id, String userId, String password) {
        return "<context><channel>WS</channel><clientId>raw-xml-test</clientId><clientReference>ref-2</clientReference>"
                + "<clientRequestTimeout>0</clientRequestTimeout>"
                + "<initiatorPrincipalId><id>" + id + "</id><type>RESELLERUSER</type><userId>" + userId
                + "</userId></initiatorPrincipalId><password>" + password + "</password></context>";
    }

    /** Element children in document order, by local name. */
    static List<String> childNames(Element parent) {
        return elements(parent).stream().map(Element::getLocalName).toList();
    }

    static String text(Element parent, String name) {
        return child(parent, null, name).getTextContent();
    }

    static Element child(Element parent, String namespace, String name) {
        for (Element element : elements(parent)) {
            if (name.equals(element.getLocalName())
                    && (namespace == null ? element.getNamespaceURI() == null : namespace.equals(element.getNamespaceURI()))) {
                return element;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getLocalName() + ">: " + childNames(parent));
    }

    static List<Element> elements(Element parent) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                elements.add((Element) nodes.item(i));
            }
        }
        return elements;
    }

    private static Element firstElement(Element parent) {
        List<Element> children = elements(parent);
        assertThat(children).isNotEmpty();
        return children.get(0);
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
