package edu.studentrecords.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A database of the store file whose unique indexes keep their keys in {@link IndexKeyType}'s order, and whose
 * collections keep their documents as BSON ({@link DocumentType}).
 *
 * <p>An index map written before, in the stock order, is re-sorted when the database opens it: its entries are copied
 * into a new map in the new order, which then takes the old one's name, and the store's list of sorted indexes gains
 * its name. Both happen in memory and reach the file with the next commit, together: a crash before it leaves the file
 * as it was, to be re-sorted at the next start. The caller opens databases with background commits paused
 * ({@link StoreBackend}), so that no commit catches a map half copied.
 */
final class StoreDatabase extends H2Database {

    /**
     * The store's list of index maps in {@link IndexKeyType}'s order (map name to the layout's version). The {@code $}
     * keeps it apart from every database's maps: no database name holds one.
     */
    static final String SORTED_INDEXES = "$store.sortedIndexes";

    private static final Logger LOG = Logger.getLogger(StoreDatabase.class.getName());
    private static final String SORTING = ".sorting";
    private static final int LAYOUT = 1;

    private final MVStore store;

    StoreDatabase(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        super(databaseName, store, cursorRegistry);
        this.store = store;
        // The inherited constructor opened nothing (see below): now the store is known, the indexes can be opened.
        super.initializeNamespacesAndIndexes();
    }

    @Override
    protected void initializeNamespacesAndIndexes() {
        // Called by the inherited constructor before this class's fields are set; it runs once they are.
        if (store != null) {
            super.initializeNamespacesAndIndexes();
        }
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        // The stock backend's names for the collection's maps; its documents kept as BSON (DocumentType).
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> documents = store.openMap("databases." + namespace,
                new MVMap.Builder<Object, Document>().valueType(DocumentType.INSTANCE));
        MVMap<String, Object> meta = store.openMap("meta." + namespace);
        return new H2Collection(this, collectionName, options, documents, meta, cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        // The stock backend's name for the index's map, so that a file it wrote is read on.
        String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        return new SortedUniqueIndex(sortedMap(store, mapName), indexName, keys, sparse);
    }

    /** Opens an index map in the new order, re-sorting a map the stock backend wrote. */
    private static MVMap<KeyValue, Object> sortedMap(MVStore store, String mapName) {
        MVMap<String, Integer> sortedIndexes = store.openMap(SORTED_INDEXES);
        MVMap.Builder<KeyValue, Object> sortedKeys = new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE);
        if (sortedIndexes.containsKey(mapName) || !store.hasMap(mapName)) {
            // Listed before the map is created, so that no commit can hold the map without the entry.
            sortedIndexes.putIfAbsent(mapName, LAYOUT);
            return store.openMap(mapName, sortedKeys);
        }
        MVMap<KeyValue, Object> stock = store.openMap(mapName);
        if (store.hasMap(mapName + SORTING)) {
            store.removeMap(mapName + SORTING);
        }
        MVMap<KeyValue, Object> sorted = store.openMap(mapName + SORTING, sortedKeys);
        for (Map.Entry<KeyValue, Object> entry : stock.entrySet()) {
            sorted.put(entry.getKey(), entry.getValue());
        }
        long keys = sorted.sizeAsLong();
        store.removeMap(stock);
        store.renameMap(sorted, mapName);
        sortedIndexes.put(mapName, LAYOUT);
        LOG.info(() -> "re-sorted the unique index " + mapName + " (" + keys + " keys)");
        return sorted;
    }
}
